"""The closed vocabularies of the model.  Values are what the TOML file holds."""

from __future__ import annotations

from enum import Enum


class Vocabulary(str, Enum):
    """An enum whose values are the words written in the project file."""

    def __str__(self) -> str:
        return self.value


class Light(Vocabulary):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def rank(self) -> int:
        return ("green", "yellow", "red").index(self.value)


class Fulfilment(Vocabulary):
    FULFILLED = "fulfilled"
    PARTLY = "partly"
    NOT = "not"


class Decision(Vocabulary):
    """The steering group's decision at a decision point."""

    CONTINUE = "continue"
    REVISE = "revise"
    GO_BACK = "go_back"
    STOP = "stop"


class Phase(Vocabulary):
    INITIATION = "initiation"
    PLANNING = "planning"
    EXECUTION = "execution"
    CLOSURE = "closure"
    CLOSED = "closed"
    STOPPED = "stopped"


class ActivityKind(Vocabulary):
    INTERVIEW = "interview"
    MEETING = "meeting"
    LECTURE = "lecture"
    MAPPING = "mapping"
    STUDY_VISIT = "study_visit"
    OTHER = "other"


class ActivityStatus(Vocabulary):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"


class GroupRole(Vocabulary):
    """Where a person sits in the project organisation."""

    OWNER = "owner"
    STEERING_GROUP = "steering_group"
    PROJECT_LEADER = "project_leader"
    SUB_PROJECT_LEADER = "sub_project_leader"
    PROJECT_GROUP = "project_group"
    REFERENCE_GROUP = "reference_group"
    ADMINISTRATOR = "administrator"


class ChangeKind(Vocabulary):
    CHANGE = "change"
    REMAINING = "remaining"


class ChangeStatus(Vocabulary):
    OPEN = "open"
    APPROVED = "approved"
    REJECTED = "rejected"
    DONE = "done"


class LessonKind(Vocabulary):
    SUCCESS = "success"
    CHALLENGE = "challenge"
    DEVELOPMENT = "development"


class LessonTopic(Vocabulary):
    """The final report's headings that lessons are filed under."""

    ORGANISATION = "organisation"
    COLLABORATION = "collaboration"
    METHODS = "methods"
    QUALITY = "quality"
    RESOURCES = "resources"
    WAY_OF_WORKING = "way_of_working"
    DOCUMENTS = "documents"
    OTHER = "other"


class ImplementationStatus(Vocabulary):
    PLANNED = "planned"
    DONE = "done"
    NOT_PLANNED = "not_planned"
