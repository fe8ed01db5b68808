"""Admin pages for reference data; size thresholds are the part staff may need to edit."""

from django.contrib import admin

from .models import Currency, IndustryCategory, Region, SizeThreshold


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "level"]
    list_filter = ["level"]
    search_fields = ["code", "name_zh_hans", "name_en"]
    raw_id_fields = ["parent"]


@admin.register(IndustryCategory)
class IndustryCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh_hans", "name_en", "level", "domain", "gbt4754_2017"]
    list_filter = ["level", "domain"]
    search_fields = ["code", "name_zh_hans", "name_en"]


@admin.register(Currency)
class CurrencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_zh_hans", "name_en"]
    search_fields = ["code", "name_en", "name_zh_hans"]


@admin.register(SizeThreshold)
class SizeThresholdAdmin(admin.ModelAdmin):
    list_display = ["sector", "division_from", "division_to", "min_revenue_yuan", "valid_from_year"]
