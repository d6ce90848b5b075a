"""JSON output shared by the reference scripts: float32 values written exactly, flat lists on one line."""
import json
import re


def tensor(t):
    """{"shape": [...], "data": [...]} of a torch tensor or numpy array, row-major.

    Each value is the repr of the double a float32 widens to: it parses back to the same float32
    whether the reader goes through a double (Python) or straight to float (C# float.Parse).
    """
    import numpy as np
    a = np.ascontiguousarray(t.detach().cpu().numpy() if hasattr(t, "detach") else t, dtype=np.float32)
    return {"shape": list(a.shape), "data": [float(v) for v in a.reshape(-1).tolist()]}


def dumps(obj):
    """Indented JSON with every flat list of numbers kept on one line."""
    text = json.dumps(obj, indent=1, allow_nan=False)
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", "", m.group(1)) + "]", text)
    return text + "\n"
