"""A new strategy period is data: the secretariat's administrators enter it here (period, objectives with
their targets and gender targets, risks with their mitigation actions and warning indicators), in English and
French."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from icc.programme.models import (
    GenderTarget,
    MitigationAction,
    Objective,
    Risk,
    StrategyPeriod,
    Target,
    WarningIndicator,
)


@admin.register(StrategyPeriod)
class StrategyPeriodAdmin(TranslationAdmin):
    list_display = ("key", "title", "starts_on", "ends_on")


class TargetInline(TranslationTabularInline):
    model = Target
    extra = 0
    exclude = ("status", "status_computed_at")


class GenderTargetInline(admin.TabularInline):
    model = GenderTarget
    extra = 0


@admin.register(Objective)
class ObjectiveAdmin(TranslationAdmin):
    list_display = ("period", "number", "key", "title")
    list_filter = ("period",)
    inlines = (TargetInline, GenderTargetInline)


class ActionInline(TranslationTabularInline):
    model = MitigationAction
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = WarningIndicator
    extra = 0


@admin.register(Risk)
class RiskAdmin(TranslationAdmin):
    list_display = ("__str__", "objective", "likelihood", "impact", "owner", "review_on", "status")
    list_filter = ("objective__period", "status")
    inlines = (ActionInline, IndicatorInline)
