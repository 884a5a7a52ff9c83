"""DDL for Today and the progress page at scale (migration 10): what lets them aggregate in
SQLite without reading every review or every question's text.

- ``review_days``: reviews per study day (``reviews.day``), kept by triggers on ``reviews``
  (insert, delete, a changed day), so the heatmap and the streaks read a row per day instead
  of every review (100,000 reviews: about 365 rows).
- ``questions_live_topic`` (retired, topic, difficulty, type, id): active questions by topic,
  level and type in id order, read from the index alone (new questions for Today, counts per
  topic).
- ``questions_id_topic`` (id, retired, topic): a card's question, active or not and its topic,
  without reading the question's text (mastery per topic, dues of active questions).
"""
from __future__ import annotations

PROGRESS_SQL = """
CREATE TABLE review_days (
    day TEXT PRIMARY KEY,
    reviews INTEGER NOT NULL CHECK (reviews > 0)
) WITHOUT ROWID;
INSERT INTO review_days (day, reviews) SELECT day, COUNT(*) FROM reviews WHERE day IS NOT NULL GROUP BY day;
CREATE TRIGGER review_days_ai AFTER INSERT ON reviews WHEN new.day IS NOT NULL BEGIN
    INSERT INTO review_days (day, reviews) VALUES (new.day, 1)
        ON CONFLICT(day) DO UPDATE SET reviews = reviews + 1;
END;
CREATE TRIGGER review_days_ad AFTER DELETE ON reviews WHEN old.day IS NOT NULL BEGIN
    DELETE FROM review_days WHERE day = old.day AND reviews <= 1;
    UPDATE review_days SET reviews = reviews - 1 WHERE day = old.day;
END;
CREATE TRIGGER review_days_au AFTER UPDATE OF day ON reviews WHEN old.day IS NOT new.day BEGIN
    DELETE FROM review_days WHERE day = old.day AND reviews <= 1;
    UPDATE review_days SET reviews = reviews - 1 WHERE day = old.day;
    INSERT INTO review_days (day, reviews) SELECT new.day, 1 WHERE new.day IS NOT NULL
        ON CONFLICT(day) DO UPDATE SET reviews = reviews + 1;
END;
CREATE INDEX questions_live_topic ON questions (retired, topic, difficulty, type, id);
CREATE INDEX questions_id_topic ON questions (id, retired, topic);
"""
