# uses the sum of the two areas as the union, forgetting to subtract the intersection
import numpy as np


def _check_boxes(boxes):
    boxes = np.asarray(boxes, dtype=float)
    if boxes.ndim != 2 or boxes.shape[1] != 4:
        raise ValueError("boxes must have shape (k, 4)")
    if np.any(boxes[:, 2] <= boxes[:, 0]) or np.any(boxes[:, 3] <= boxes[:, 1]):
        raise ValueError("every box needs x2 > x1 and y2 > y1")
    return boxes


def box_iou(a, b):
    a, b = _check_boxes(a), _check_boxes(b)
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return inter / (area_a[:, None] + area_b[None, :])


def nms(boxes, scores, iou_threshold):
    boxes = _check_boxes(np.reshape(boxes, (-1, 4)) if np.size(boxes) == 0 else boxes)
    scores = np.asarray(scores, dtype=float)
    if scores.shape != (boxes.shape[0],):
        raise ValueError("scores must have one entry per box")
    if not 0.0 <= iou_threshold <= 1.0:
        raise ValueError("iou_threshold must lie in [0, 1]")
    order = np.argsort(-scores, kind="stable")
    keep = []
    while order.size:
        best = order[0]
        keep.append(int(best))
        rest = order[1:]
        if rest.size == 0:
            break
        overlap = box_iou(boxes[best:best + 1], boxes[rest])[0]
        order = rest[overlap <= iou_threshold]
    return np.array(keep, dtype=int)
