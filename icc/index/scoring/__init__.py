"""The Intercultural Cities Index scoring engine: pure computation, no Django, no ORM.

It implements the public interchange format of `docs/index-format.md` (questionnaire, responses,
scores) and what the platform builds on it: good-practice candidates, progress between rounds,
robustness of ranks, the trace of any score and data checks.

Speed comes from doing the per-city work once, at parse time: `parse_responses` validates every
answer and encodes it as an integer code in two arrays (one row per scored question, one column
per city), and `score` then works on whole arrays, looking option points up in flat tables. Loops
run over areas, options, bands and display conditions, never over cities.

Conventions the format leaves open, chosen here and stated in the methodology:
- a question's points are floored at 0 (a negative option can lower a question to 0, not below), so
  every score stays within [0, 100];
- an area with no points achievable (all its scored questions "n/a", or none scored) has no score;
- completeness counts scored questions only, optional areas included; an answer given as JSON null
  counts as unanswered;
- ranks treat aggregates within 1e-9 of each other as equal, chaining (a run of values each within
  1e-9 of the next shares one rank), so float noise never splits a tie;
- quartiles and medians interpolate linearly (numpy's default "linear" method).

Display conditions (`show_if: {question: <an earlier choice question>, in: [<its option ids>]}`, a
key the format allows on a question) are applied when scoring, because the data-entry pages never
ask a question whose condition is not met. The lead engineer's decision:
- the condition is met when the earlier question's answer is one of the listed options (for a
  multiple-choice question: when any chosen option is); it is not met when that question is
  unanswered, "n/a", answered with another option, or is itself a follow-up that is not shown;
- a follow-up whose condition is not met does not apply: it earns 0 points and its full points stay
  in the points achievable (a city without a budget line has no budget growth either); it does not
  make the response incomplete; any answer given to it is ignored for scoring (it is still
  validated) and `data_checks` counts it as "not shown", not as unanswered;
- a follow-up whose condition is met is scored like any other question (unanswered: incomplete).
In the arrays the engine gives such a follow-up the code `_HIDDEN` before summing (see
`_apply_conditions`): a mask per (question, city) computed from the codes of the condition question,
one vectorised step per conditional question.

The engine is this package, one module per concern (`icc.index.scoring` re-exports the names the
rest of the platform imports, below):
- `constants`: the engine and format constants, the codes of the answer arrays, the array types;
- `errors`: `Problem` and `ScoringInputError`, and how a bad value is described in a message;
- `questionnaire`: the questionnaire model and `parse_questionnaire`;
- `layout`: a questionnaire compiled to arrays (`_Layout`), display conditions (`_apply_conditions`);
- `responses`: `Response`, `ResponseSet` and `parse_responses`, answer by answer;
- `bulk_validation`: valid responses validated and encoded in bulk (`_encode_bulk`);
- `bands`: the peer-group bands (`BandScale`, `PeerBands`, `DEFAULT_BANDS`);
- `kernels`: array kernels: area scores, weighted and geometric means, ranks, sample statistics;
- `scores`: `score` and the scores document (`ScoresDocument`, `CityScores`);
- `good_practice`: good-practice candidates (`best_in_area`);
- `round_progress`: a city's progress between rounds (`progress`);
- `answer_checks`: the data checks, how much of each area a city answered (`data_checks`);
- `rank_robustness`: the robustness of ranks, Monte Carlo over weights and methods (`robustness`);
- `explanation`: the trace of a city's scores (`explain`).

The underscored names re-exported here are engine internals that the statistical audit
(icc/index/audit.py), the public weighting page (icc/public/selectors/weighting.py) and the
questionnaire checks (icc/index/services/questionnaires.py) reuse rather than compute a second way.
"""

from icc.index.scoring.answer_checks import AreaCheck, data_checks
from icc.index.scoring.bands import DEFAULT_BANDS, BandScale, PeerBands
from icc.index.scoring.constants import _HIDDEN, _NOT_APPLICABLE, _UNANSWERED, ENGINE_VERSION
from icc.index.scoring.errors import Problem, ScoringInputError, _describe
from icc.index.scoring.explanation import AreaTrace, Explanation, QuestionTrace, explain
from icc.index.scoring.good_practice import AreaScoresTable, best_in_area
from icc.index.scoring.kernels import (
    _area_scores,
    _geometric_means,
    _weighted_means,
    competition_ranks,
    row_statistics,
)
from icc.index.scoring.layout import _apply_conditions
from icc.index.scoring.questionnaire import Area, Question, Questionnaire, parse_questionnaire
from icc.index.scoring.rank_robustness import Robustness, robustness
from icc.index.scoring.responses import Response, ResponseSet, parse_responses
from icc.index.scoring.round_progress import Change, Progress, progress
from icc.index.scoring.scores import CityScores, ScoresDocument, score

__all__ = [
    "DEFAULT_BANDS",
    "ENGINE_VERSION",
    "_HIDDEN",
    "_NOT_APPLICABLE",
    "_UNANSWERED",
    "Area",
    "AreaCheck",
    "AreaScoresTable",
    "AreaTrace",
    "BandScale",
    "Change",
    "CityScores",
    "Explanation",
    "PeerBands",
    "Problem",
    "Progress",
    "Question",
    "QuestionTrace",
    "Questionnaire",
    "Response",
    "ResponseSet",
    "Robustness",
    "ScoresDocument",
    "ScoringInputError",
    "_apply_conditions",
    "_area_scores",
    "_describe",
    "_geometric_means",
    "_weighted_means",
    "best_in_area",
    "competition_ranks",
    "data_checks",
    "explain",
    "parse_questionnaire",
    "parse_responses",
    "progress",
    "robustness",
    "row_statistics",
    "score",
]
