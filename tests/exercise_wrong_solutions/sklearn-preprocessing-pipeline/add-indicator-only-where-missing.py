# uses SimpleImputer(add_indicator=True): indicators only for columns that had NaN when fitted
import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import MissingIndicator, SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler


def as_labels(X):
    """Every value as text, missing values as the category "missing"."""
    frame = pd.DataFrame(X)
    return frame.astype(object).where(frame.notna(), "missing").astype(str)


def build_pipeline(numeric_cols, categorical_cols, C=1.0) -> Pipeline:
    numeric = Pipeline([
        ("impute", SimpleImputer(strategy="median", add_indicator=True)),
        ("scale", StandardScaler()),
    ])
    categorical = Pipeline([
        ("labels", FunctionTransformer(as_labels)),
        ("onehot", OneHotEncoder(handle_unknown="ignore")),
    ])
    preprocess = ColumnTransformer(
        [("num", numeric, list(numeric_cols)),
         ("cat", categorical, list(categorical_cols))],
        remainder="drop",
    )
    return Pipeline([("prep", preprocess), ("model", LogisticRegression(C=C, max_iter=1000))])


def evaluate(df, target, numeric_cols, categorical_cols, n_splits=5, seed=0):
    if target in numeric_cols or target in categorical_cols:
        raise ValueError("target must not be listed as a feature")
    y = df[target].to_numpy()
    if len(pd.unique(y)) != 2:
        raise ValueError("evaluate expects a binary target")
    X = df[list(numeric_cols) + list(categorical_cols)]
    cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    scores = cross_val_score(build_pipeline(numeric_cols, categorical_cols), X, y,
                             cv=cv, scoring="roc_auc")
    return float(np.mean(scores)), float(np.std(scores))
