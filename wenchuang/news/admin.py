"""Admin pages of the information release: categories (staff edit items on the site)."""

from django.contrib import admin

from .models import Category, NewsItem, Subscription


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("code", "name_zh_hans", "name_en")


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "title_zh_hans", "status", "published_at")
    list_filter = ("kind", "status")
    readonly_fields = ("search_text",)


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "kinds", "active", "sent_through")
