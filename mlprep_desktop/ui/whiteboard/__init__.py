"""The Whiteboard tab: boards drawn on a QGraphicsView canvas, stored as versioned JSON."""
