"""Investment pages, under /investment/ (below the language prefix)."""

from django.urls import path

from .views import matching, pipeline, projects

app_name = "investment"

urlpatterns = [
    # /investment/: projects, the owner's form, staff approvals
    path("", projects.project_list, name="projects"),
    path("projects/new/", projects.project_create, name="project-create"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project-edit"),
    path("projects/<int:pk>/move/", projects.project_move, name="project-move"),
    path("projects/<int:pk>/attach/", projects.project_attach, name="project-attach"),
    path("projects/<int:pk>/matches/", matching.project_matches, name="project-matches"),
    path(
        "projects/<int:pk>/matches.<str:fmt>",
        matching.project_matches_export,
        name="project-matches-export",
    ),
    path("approvals/", projects.approval_queue, name="approvals"),
    # /investment/investors/: investors' interests and their best projects
    path("investors/", matching.investor_list, name="investors"),
    path("investors/<int:pk>/", matching.investor_detail, name="investor"),
    path("investors/<int:pk>/matches/", matching.investor_matches, name="investor-matches"),
    path(
        "investors/<int:pk>/matches.<str:fmt>",
        matching.investor_matches_export,
        name="investor-matches-export",
    ),
    path("investors/<int:pk>/feedback/", matching.investor_feedback, name="investor-feedback"),
    # pk: the directory's investor, whose profile may not exist yet
    path("interests/<int:pk>/", matching.profile_edit, name="profile-edit"),
    # /investment/matching/: staff run the matchmaking and browse every match
    path("matching/", matching.matching_overview, name="matching"),
    path("matching/run/", matching.matching_run, name="matching-run"),
    path("matching/matches.<str:fmt>", matching.matching_export, name="matching-export"),
    # /investment/leads/: the pipeline, agreements and the report
    path("leads/", pipeline.lead_list, name="leads"),
    path("leads/new/", pipeline.lead_create, name="lead-create"),
    path("leads/<int:pk>/", pipeline.lead_detail, name="lead"),
    path("leads/<int:pk>/move/", pipeline.lead_move, name="lead-move"),
    path("leads/<int:pk>/agreement/", pipeline.agreement_create, name="agreement-create"),
    path("agreements/<int:pk>/", pipeline.agreement_detail, name="agreement"),
    path("agreements/<int:pk>/attach/", pipeline.agreement_attach, name="agreement-attach"),
    path("report/", pipeline.pipeline_report, name="report"),
]
