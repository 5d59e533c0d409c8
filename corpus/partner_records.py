"""What the extraction of one document returns: its organisations and the cooperations it
states between them."""

from __future__ import annotations

from dataclasses import dataclass, field

from corpus.orgnames import written_key


@dataclass
class Organization:
    """An organisation as one document names it."""

    name: str
    kind: str
    region: str = ""
    names: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """The written-form key of its name."""
        return written_key(self.name)


@dataclass
class Cooperation:
    """A stated relation between two organisations, with its evidence sentence."""

    a: str
    b: str
    kind: str
    date: str
    start: int
    end: int
    evidence: str


@dataclass
class DocumentPartners:
    """What one document says about organisations and their cooperations."""

    doc_id: str
    organizations: list[Organization]
    cooperations: list[Cooperation]
