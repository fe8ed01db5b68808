"""Field rules on the directory's models: validators, and check constraints on PostgreSQL.

The validators change no column. The check constraints are added on PostgreSQL, NOT VALID:
rows written from now on are checked, rows already stored are not scanned (a value an
older rule allowed must not stop a deployment; `VALIDATE CONSTRAINT` after a clean-up).
SQLite cannot add a CHECK to an existing table without rebuilding it, and a rebuild drops
the full-text triggers and the hand-written indexes of migrations 0002–0004; on SQLite the
constraints are therefore recorded in the migration state only, and the validators (forms,
API, importer) hold the rules. See docs/decisions/0013-field-rules.md.
"""

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
import wenchuang.core.validators
from django.db import migrations, models


STATE = [
    migrations.AlterField(
        model_name="investor",
        name="country",
        field=models.CharField(
            default="CN",
            max_length=2,
            validators=[wenchuang.core.validators.validate_country],
            verbose_name="country (ISO 3166)",
        ),
    ),
    migrations.AlterField(
        model_name="associationmembership",
        name="yearly_fee",
        field=models.DecimalField(
            decimal_places=2,
            max_digits=12,
            validators=[django.core.validators.MinValueValidator(0)],
            verbose_name="yearly fee",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="annual_revenue",
        field=models.DecimalField(
            blank=True,
            decimal_places=2,
            max_digits=16,
            null=True,
            validators=[django.core.validators.MinValueValidator(0)],
            verbose_name="annual revenue (yuan)",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="credit_code",
        field=models.CharField(
            blank=True,
            max_length=18,
            null=True,
            unique=True,
            validators=[wenchuang.core.validators.CreditCodeValidator()],
            verbose_name="unified social credit code",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="description_de",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (German)",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="description_en",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (English)",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="description_fr",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (French)",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="description_zh_hans",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (Chinese)",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="employees",
        field=models.PositiveIntegerField(
            blank=True,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(0),
                django.core.validators.MaxValueValidator(10000000),
            ],
            verbose_name="employees",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="founded_year",
        field=models.PositiveSmallIntegerField(
            blank=True,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(1000),
                django.core.validators.MaxValueValidator(wenchuang.core.validators.next_year),
            ],
            verbose_name="year founded",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="phone",
        field=models.CharField(
            blank=True,
            max_length=40,
            validators=[
                django.core.validators.RegexValidator(
                    "^(?=(?:\\D*\\d){5})[0-9+()\\-\\s./,;#*转分机extEXT]+$",
                    "Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”.",
                    code="phone",
                )
            ],
            verbose_name="phone",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="revenue_year",
        field=models.PositiveSmallIntegerField(
            blank=True,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(1949),
                django.core.validators.MaxValueValidator(wenchuang.core.validators.next_year),
            ],
            verbose_name="revenue year",
        ),
    ),
    migrations.AlterField(
        model_name="enterprise",
        name="website",
        field=models.URLField(
            blank=True,
            validators=[wenchuang.core.validators.validate_website],
            verbose_name="website",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="description_de",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (German)",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="description_en",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (English)",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="description_fr",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (French)",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="description_zh_hans",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (Chinese)",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="phone",
        field=models.CharField(
            blank=True,
            max_length=40,
            validators=[
                django.core.validators.RegexValidator(
                    "^(?=(?:\\D*\\d){5})[0-9+()\\-\\s./,;#*转分机extEXT]+$",
                    "Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”.",
                    code="phone",
                )
            ],
            verbose_name="phone",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="ticket_max",
        field=models.DecimalField(
            blank=True,
            decimal_places=2,
            max_digits=16,
            null=True,
            validators=[django.core.validators.MinValueValidator(0)],
            verbose_name="largest investment",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="ticket_min",
        field=models.DecimalField(
            blank=True,
            decimal_places=2,
            max_digits=16,
            null=True,
            validators=[django.core.validators.MinValueValidator(0)],
            verbose_name="smallest investment",
        ),
    ),
    migrations.AlterField(
        model_name="investor",
        name="website",
        field=models.URLField(
            blank=True,
            validators=[wenchuang.core.validators.validate_website],
            verbose_name="website",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="area_hectares",
        field=models.DecimalField(
            blank=True,
            decimal_places=2,
            max_digits=10,
            null=True,
            validators=[django.core.validators.MinValueValidator(0)],
            verbose_name="area (hectares)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="description_de",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (German)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="description_en",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (English)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="description_fr",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (French)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="description_zh_hans",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (Chinese)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="latitude",
        field=models.DecimalField(
            blank=True,
            decimal_places=6,
            max_digits=9,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(-90),
                django.core.validators.MaxValueValidator(90),
            ],
            verbose_name="latitude",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="longitude",
        field=models.DecimalField(
            blank=True,
            decimal_places=6,
            max_digits=9,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(-180),
                django.core.validators.MaxValueValidator(180),
            ],
            verbose_name="longitude",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="phone",
        field=models.CharField(
            blank=True,
            max_length=40,
            validators=[
                django.core.validators.RegexValidator(
                    "^(?=(?:\\D*\\d){5})[0-9+()\\-\\s./,;#*转分机extEXT]+$",
                    "Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”.",
                    code="phone",
                )
            ],
            verbose_name="phone",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="vacancy_rate",
        field=models.DecimalField(
            blank=True,
            decimal_places=2,
            max_digits=5,
            null=True,
            validators=[
                django.core.validators.MinValueValidator(0),
                django.core.validators.MaxValueValidator(100),
            ],
            verbose_name="vacancy rate (%)",
        ),
    ),
    migrations.AlterField(
        model_name="park",
        name="website",
        field=models.URLField(
            blank=True,
            validators=[wenchuang.core.validators.validate_website],
            verbose_name="website",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="description_de",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (German)",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="description_en",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (English)",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="description_fr",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (French)",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="description_zh_hans",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (Chinese)",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="phone",
        field=models.CharField(
            blank=True,
            max_length=40,
            validators=[
                django.core.validators.RegexValidator(
                    "^(?=(?:\\D*\\d){5})[0-9+()\\-\\s./,;#*转分机extEXT]+$",
                    "Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”.",
                    code="phone",
                )
            ],
            verbose_name="phone",
        ),
    ),
    migrations.AlterField(
        model_name="serviceprovider",
        name="website",
        field=models.URLField(
            blank=True,
            validators=[wenchuang.core.validators.validate_website],
            verbose_name="website",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="description_de",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (German)",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="description_en",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (English)",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="description_fr",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (French)",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="description_zh_hans",
        field=models.TextField(
            blank=True,
            max_length=20000,
            validators=[django.core.validators.MaxLengthValidator(20000)],
            verbose_name="description (Chinese)",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="phone",
        field=models.CharField(
            blank=True,
            max_length=40,
            validators=[
                django.core.validators.RegexValidator(
                    "^(?=(?:\\D*\\d){5})[0-9+()\\-\\s./,;#*转分机extEXT]+$",
                    "Enter a telephone number of digits, spaces, +, - and brackets, not “%(value)s”.",
                    code="phone",
                )
            ],
            verbose_name="phone",
        ),
    ),
    migrations.AlterField(
        model_name="talent",
        name="website",
        field=models.URLField(
            blank=True,
            validators=[wenchuang.core.validators.validate_website],
            verbose_name="website",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_zh_hans"), 20000
            ),
            name="enterprise_description_zh_hans_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_en"), 20000
            ),
            name="enterprise_description_en_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_fr"), 20000
            ),
            name="enterprise_description_fr_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_de"), 20000
            ),
            name="enterprise_description_de_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("credit_code__isnull", True),
                django.db.models.lookups.Exact(
                    django.db.models.functions.text.Length("credit_code"), 18
                ),
                _connector="OR",
            ),
            name="enterprise_credit_code_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("founded_year__isnull", True),
                models.Q(("founded_year__gte", 1000), ("founded_year__lte", 2100)),
                _connector="OR",
            ),
            name="enterprise_founded_year_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("revenue_year__isnull", True),
                models.Q(("revenue_year__gte", 1949), ("revenue_year__lte", 2100)),
                _connector="OR",
            ),
            name="enterprise_revenue_year_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("employees__isnull", True),
                models.Q(("employees__gte", 0), ("employees__lte", 10000000)),
                _connector="OR",
            ),
            name="enterprise_employees_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="enterprise",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("annual_revenue__isnull", True), ("annual_revenue__gte", 0), _connector="OR"
            ),
            name="enterprise_annual_revenue_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_zh_hans"), 20000
            ),
            name="investor_description_zh_hans_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_en"), 20000
            ),
            name="investor_description_en_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_fr"), 20000
            ),
            name="investor_description_fr_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_de"), 20000
            ),
            name="investor_description_de_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("ticket_min__isnull", True), ("ticket_min__gte", 0), _connector="OR"
            ),
            name="investor_ticket_min_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("ticket_max__isnull", True), ("ticket_max__gte", 0), _connector="OR"
            ),
            name="investor_ticket_max_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="investor",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("ticket_min__isnull", True),
                ("ticket_max__isnull", True),
                ("ticket_min__lte", models.F("ticket_max")),
                _connector="OR",
            ),
            name="investor_ticket_order",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_zh_hans"), 20000
            ),
            name="park_description_zh_hans_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_en"), 20000
            ),
            name="park_description_en_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_fr"), 20000
            ),
            name="park_description_fr_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_de"), 20000
            ),
            name="park_description_de_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("latitude__isnull", True),
                models.Q(("latitude__gte", -90), ("latitude__lte", 90)),
                _connector="OR",
            ),
            name="park_latitude_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("longitude__isnull", True),
                models.Q(("longitude__gte", -180), ("longitude__lte", 180)),
                _connector="OR",
            ),
            name="park_longitude_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("area_hectares__isnull", True), ("area_hectares__gte", 0), _connector="OR"
            ),
            name="park_area_hectares_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="park",
        constraint=models.CheckConstraint(
            condition=models.Q(
                ("vacancy_rate__isnull", True),
                models.Q(("vacancy_rate__gte", 0), ("vacancy_rate__lte", 100)),
                _connector="OR",
            ),
            name="park_vacancy_rate_range",
        ),
    ),
    migrations.AddConstraint(
        model_name="serviceprovider",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_zh_hans"), 20000
            ),
            name="serviceprovider_description_zh_hans_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="serviceprovider",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_en"), 20000
            ),
            name="serviceprovider_description_en_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="serviceprovider",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_fr"), 20000
            ),
            name="serviceprovider_description_fr_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="serviceprovider",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_de"), 20000
            ),
            name="serviceprovider_description_de_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="talent",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_zh_hans"), 20000
            ),
            name="talent_description_zh_hans_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="talent",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_en"), 20000
            ),
            name="talent_description_en_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="talent",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_fr"), 20000
            ),
            name="talent_description_fr_length",
        ),
    ),
    migrations.AddConstraint(
        model_name="talent",
        constraint=models.CheckConstraint(
            condition=django.db.models.lookups.LessThanOrEqual(
                django.db.models.functions.text.Length("description_de"), 20000
            ),
            name="talent_description_de_length",
        ),
    ),
]


def add_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for operation in STATE:
        if isinstance(operation, migrations.AddConstraint):
            model = apps.get_model("directory", operation.model_name)
            # NOT VALID: new and changed rows are checked, existing rows are not scanned, so
            # a value an older rule let in cannot stop the deployment. The edit form names
            # such a value (the validators check the whole record) and the person fixes it.
            sql = operation.constraint.create_sql(model, schema_editor)
            schema_editor.execute(f"{sql} NOT VALID")


def remove_constraints(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for operation in STATE:
        if isinstance(operation, migrations.AddConstraint):
            model = apps.get_model("directory", operation.model_name)
            schema_editor.remove_constraint(model, operation.constraint)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_user_language"),
        ("directory", "0006_import_staging_and_heartbeat"),
        ("reference", "0002_region_names_in_french_and_german"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=STATE,
            database_operations=[migrations.RunPython(add_constraints, remove_constraints)],
        )
    ]
