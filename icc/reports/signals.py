"""What the reports app tells other apps, without knowing them (the dependency runs towards reports).

`report_experts_assigned`: sent once the assignment of experts to comment a city report is committed
(icc.reports.services.drafts.report_assign_experts), with
    report   the Report,
    experts  the users now assigned (a list, in the order given; empty when every expert was taken off),
    due_on   the date the commentary is due, or None,
    by       who assigned them (None: the system).
The experts app keeps its commentary work in step with it (icc.experts.services.report_work).
"""

from django.dispatch import Signal

report_experts_assigned = Signal()
