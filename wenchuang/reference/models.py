"""Reference tables loaded from the shipped fixtures."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wenchuang.core.translated import TranslatedField

# GB/T 2260 rows that group a municipality's districts or counties; not places themselves.
PLACEHOLDER_PREFECTURES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划"})


class Region(models.Model):
    """A GB/T 2260 administrative division; the country root has code 000000."""

    class Level(models.IntegerChoices):
        COUNTRY = 0, _("country")
        PROVINCE = 1, _("province")
        PREFECTURE = 2, _("prefecture")
        COUNTY = 3, _("county")

    code = models.CharField(_("code"), max_length=6, primary_key=True)
    # The official Chinese name; a romanisation (English), French and German exonyms for
    # provinces ("Mongolie-Intérieure"); empty where a reader's chain falls back to English.
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=128,
        blank=True,
        per_language={"zh-hans": {"max_length": 64, "blank": False}},
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        """The name with the division it lies in, for lists: "Zhongshan, Dalian", "大连市中山区".

        Many counties share a name (six 中山区); a prefecture's placeholder row
        ("City districts" of a municipality) is skipped for the province: "Dongcheng, Beijing".
        Reads `parent` (and its parent): select them with the region.
        """
        if self.level != self.Level.COUNTY or self.parent is None:
            return self.name
        within = self.parent
        if within.name_zh_hans in PLACEHOLDER_PREFECTURES and within.parent is not None:
            within = within.parent
        return gettext("%(place)s, %(within)s") % {"place": self.name, "within": within.name}

    @property
    def prefix(self) -> str:
        """Leading digits shared by every division inside this one (GB/T 2260 nesting)."""
        if self.level == self.Level.COUNTRY:
            return ""
        if self.level == self.Level.PROVINCE:
            return self.code[:2]
        if self.level == self.Level.PREFECTURE:
            return self.code[:4]
        return self.code

    def contains(self, code: str | None) -> bool:
        return bool(code) and str(code).startswith(self.prefix)


class IndustryCategory(models.Model):
    """A class of the NBS Classification of Culture and Related Industries (2018)."""

    class Level(models.IntegerChoices):
        MAJOR = 1, _("major category")
        MID = 2, _("mid category")
        SMALL = 3, _("small category")

    class Domain(models.TextChoices):
        CORE = "core", _("core domain")
        RELATED = "related", _("related domain")

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=160,
        blank=True,
        per_language={"zh-hans": {"max_length": 64, "blank": False}},
    )
    domain = models.CharField(_("domain"), max_length=8, choices=Domain.choices)
    gbt4754_2017 = models.CharField(
        _("GB/T 4754-2017 classes"),
        max_length=64,
        blank=True,
        help_text=_(
            "Semicolon-separated; a trailing * marks a class that is only partly cultural."
        ),
    )

    class Meta:
        verbose_name = _("culture industry category")
        verbose_name_plural = _("culture industry categories")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def major_code(self) -> str:
        return self.code[:2]

    @property
    def mid_code(self) -> str:
        return self.code[:3] if len(self.code) >= 3 else ""

    @property
    def gbt_classes(self) -> list[str]:
        return [c.strip().rstrip("*") for c in self.gbt4754_2017.split(";") if c.strip()]


class Currency(models.Model):
    """An ISO 4217 currency."""

    code = models.CharField(_("code"), max_length=3, primary_key=True)
    numeric = models.CharField(_("numeric code"), max_length=3, blank=True)
    name = TranslatedField(
        models.CharField,
        _("name"),
        max_length=80,
        blank=True,
        per_language={"en": {"blank": False}},
    )

    class Meta:
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SizeThreshold(models.Model):
    """NBS 'above designated size' rule: least yearly revenue for a range of GB/T 4754 divisions."""

    sector = models.CharField(_("sector"), max_length=64)
    division_from = models.CharField(_("first GB/T 4754 division"), max_length=2)
    division_to = models.CharField(_("last GB/T 4754 division"), max_length=2)
    min_revenue_yuan = models.DecimalField(
        _("minimum annual revenue (yuan)"), max_digits=16, decimal_places=2
    )
    valid_from_year = models.PositiveSmallIntegerField(_("valid from year"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("size threshold")
        verbose_name_plural = _("size thresholds")
        ordering = ["division_from", "-valid_from_year"]

    def __str__(self) -> str:
        return f"{self.sector} {self.division_from}-{self.division_to} ≥ {self.min_revenue_yuan}"

    def covers(self, division: str) -> bool:
        return self.division_from <= division <= self.division_to
