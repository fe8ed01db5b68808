"""The JSON API mounted at /api/: one WenchuangAPI with each domain's router under /v1/."""

from wenchuang.consulting.api import router as consulting_router
from wenchuang.cooperation.api import router as cooperation_router
from wenchuang.core.api import WenchuangAPI
from wenchuang.designation.api import router as designation_router
from wenchuang.directory.api import router as directory_router
from wenchuang.events.api import router as events_router
from wenchuang.funding.api import router as funding_router
from wenchuang.investment.api import router as investment_router
from wenchuang.ip_registry.api import router as ip_registry_router
from wenchuang.market.api import router as market_router
from wenchuang.news.api import router as news_router
from wenchuang.statistics.api import router as statistics_router
from wenchuang.statistics.figures_api import router as statistics_figures_router
from wenchuang.workflows.api import router as workflows_router
from wenchuang.workflows.reviewing.api import router as reviews_router

api = WenchuangAPI(
    title="Wenchuang API",
    version="1",
    description=(
        "Directory records, calls and applications of the cultural industry platform. Reads "
        "are public; writes need "
        "`Authorization: Bearer <token>` (see `manage.py create_api_token`) or a signed-in "
        "session. Send Accept-Language for messages and names in zh-hans, en, fr or de. "
        "Every answer is JSON, errors included; 503 with Retry-After means the database "
        "was busy with another change: retry."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

api.add_router("/v1/", directory_router)
api.add_router("/v1/", workflows_router)
api.add_router("/v1/", funding_router)
api.add_router("/v1/", reviews_router)
api.add_router("/v1/", designation_router)
api.add_router("/v1/", statistics_router)
api.add_router("/v1/", statistics_figures_router)
api.add_router("/v1/", cooperation_router)
api.add_router("/v1/", consulting_router)
api.add_router("/v1/", news_router)
api.add_router("/v1/", ip_registry_router)
api.add_router("/v1/", investment_router)
api.add_router("/v1/", market_router)
api.add_router("/v1/", events_router)
