"""The investment domain's models, by topic: projects, investors, matching, pipeline."""

from .matching import Match, MatchFeedback, MatchRun, TextEmbedding
from .pipeline import Agreement, Lead, LeadStageLog
from .projects import InvestorProfile, Project, ProjectCategory

__all__ = [
    "Agreement",
    "InvestorProfile",
    "Lead",
    "LeadStageLog",
    "Match",
    "MatchFeedback",
    "MatchRun",
    "Project",
    "ProjectCategory",
    "TextEmbedding",
]
