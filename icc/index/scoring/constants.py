"""Constants of the engine and of the interchange format, the codes of the answer arrays, and the
array types the modules share.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

ENGINE_VERSION = "1"
TIE_TOLERANCE = 1e-9
NA = "n/a"
DATA_TYPES = ("fact", "input", "impact")
CHOICE_TYPES = ("single_choice", "multiple_choice", "yes_no")
VALUE_TYPES = ("number", "percentage", "text", "year")
# Multiple-choice answers are encoded as a bit mask in an int64.
MAX_MULTIPLE_OPTIONS = 62

# Codes standing for "no option" in the answer arrays. Valid option codes are >= 0. Parsing stores
# only the first two; scoring writes _HIDDEN over the answers to follow-ups whose condition is not met.
_UNANSWERED = -1
_NOT_APPLICABLE = -2
_HIDDEN = -3
_UNSCORED = -4  # returned for value questions, never stored

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]
Answer = str | int | float | list[str]
