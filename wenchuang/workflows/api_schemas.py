"""The API's shapes of calls and applications (workflows.api routes them)."""

import datetime
from decimal import Decimal
from typing import Any

from ninja import Field, Schema

from wenchuang.core.api_pages import PageQuery
from wenchuang.core.transitions import version_of

from .models import Application, Call
from .stages import StageTable

MAX_ID = 2**63 - 1


class ProgrammeOut(Schema):
    id: int
    code: str
    kind: str
    title: str

    @staticmethod
    def resolve_title(obj) -> str:
        return str(obj)


class CallOut(Schema):
    id: int
    title: str
    programme: ProgrammeOut
    status: str
    opens_at: datetime.datetime
    closes_at: datetime.datetime
    is_open: bool
    budget: Decimal | None = Field(description="For funds: the budget, in `currency`.")
    currency: str

    @staticmethod
    def resolve_title(obj: Call) -> str:
        return str(obj)

    @staticmethod
    def resolve_is_open(obj: Call) -> bool:
        return obj.is_open()

    @staticmethod
    def resolve_budget(obj: Call) -> Decimal | None:
        return obj.budget_amount

    @staticmethod
    def resolve_currency(obj: Call) -> str:
        return obj.budget_currency_id


class StageOut(Schema):
    key: str
    label: str


class CallDetail(CallOut):
    description: str
    eligibility: dict[str, Any]
    form: dict[str, Any] = Field(description="The application form as data (formdef).")
    stages: list[StageOut]

    @staticmethod
    def resolve_description(obj: Call) -> str:
        from wenchuang.core.languages import localized

        return localized(obj, "description").text

    @staticmethod
    def resolve_stages(obj: Call) -> list[dict[str, str]]:
        table = StageTable(obj.stages)
        return [{"key": key, "label": table.label(key)} for key in table.keys]


class MoveOut(Schema):
    target: str
    label: str


class ApplicationOut(Schema):
    id: int
    call_id: int
    applicant_id: int
    title: str
    stage: str
    stage_label: str = Field(description="The stage in the asker's language.")
    answers: dict[str, Any]
    amount_requested: Decimal | None
    currency: str
    classification: str | None
    submitted_at: datetime.datetime | None
    deadline: datetime.datetime
    info_request: str
    co_applicants: list[int] = Field(description="Ids of the co-applicant organisations.")
    version: str = Field(description="Send back as If-Match with a change.")
    moves: list[MoveOut] = Field(description="The moves the asker may make now.")

    @staticmethod
    def resolve_amount_requested(obj: Application) -> Decimal | None:
        return obj.amount_requested_amount

    @staticmethod
    def resolve_currency(obj: Application) -> str:
        return obj.amount_requested_currency_id

    @staticmethod
    def resolve_classification(obj: Application) -> str | None:
        return obj.classification_id

    @staticmethod
    def resolve_co_applicants(obj: Application) -> list[int]:
        return sorted(obj.co_applicants.values_list("pk", flat=True))

    @staticmethod
    def resolve_version(obj: Application) -> str:
        return version_of(obj)

    @staticmethod
    def resolve_moves(obj: Application, context: dict[str, Any]) -> list[dict[str, str]]:
        user = context["request"].auth
        workflow = StageTable(obj.stage_table).workflow
        return [
            {"target": m.target, "label": str(m.label)} for m in workflow.allowed_moves(user, obj)
        ]


class ApplicationRow(Schema):
    id: int
    call_id: int
    applicant_id: int
    title: str
    stage: str
    stage_label: str
    submitted_at: datetime.datetime | None


class ApplicationCreate(Schema):
    organisation: int = Field(ge=1, le=MAX_ID, description="The organisation you apply for.")
    title: str = Field("", max_length=200)
    classification: str | None = Field(None, max_length=4, description="A 2018 class code.")
    amount_requested: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)


class ApplicationChange(Schema):
    answers: dict[str, Any] | None = None
    title: str | None = Field(None, max_length=200)
    classification: str | None = Field(None, max_length=4)
    amount_requested: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)


class CoApplicantIn(Schema):
    organisation: int = Field(ge=1, le=MAX_ID)
    remove: bool = Field(False, description="Remove this co-applicant instead of adding it.")


class MoveIn(Schema):
    target: str = Field(max_length=32)
    note: str = Field("", max_length=2000)


class ApplicationAttachmentOut(Schema):
    id: int
    field: str
    name: str
    size: int
    content_type: str


class CallQuery(PageQuery):
    open: bool | None = Field(None, description="Only calls open now (or not open).")


class StageQuery(PageQuery):
    stage: str = Field("", max_length=32)
