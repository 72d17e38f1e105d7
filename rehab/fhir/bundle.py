"""A checked plan as one FHIR R4 Bundle, built as plain dicts (docs/fhir.md has the mapping).

The Bundle (type `collection`) holds one PlanDefinition for the protocol, one
ActivityDefinition per prescription (identical prescriptions share one), and one DetectedIssue
per contraindication or precaution with its acknowledgement as the mitigation. There is no
Patient and no name: the receiving record links the bundle to its patient.

Ids are derived from the protocol id and each resource's content (a sha256), and no clock is
read, so the same protocol always gives the same bytes; a changed dose gives a new id.
Clinician-only notes (`internal_notes`) are left out unless the caller asks for them.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from rehab.domain.conditions import Catalog
from rehab.domain.plan import Plan
from rehab.fhir.activity import activity_definition
from rehab.fhir.issues import detected_issue, safety_issues
from rehab.fhir.plan_definition import plan_definition

Resource = dict[str, Any]


def _digest(protocol_id: str, content: Resource) -> str:
    text = json.dumps([protocol_id, content], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _identified(protocol_id: str, prefix: str, content: Resource) -> tuple[str, Resource]:
    """The resource with its id, and the bundle's `urn:uuid` for it, both from its content."""
    digest = _digest(protocol_id, content)
    full_url = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"rehab:{protocol_id}:{digest}"))
    return full_url, {**content, "id": f"{prefix}-{digest[:16]}"}


def build_bundle(plan: Plan, catalog: Catalog, *, internal: bool = False) -> Resource:
    """The Bundle of a plan that passed the export gate (every exercise known, no error)."""
    pid = plan.protocol.id
    entries: dict[str, Resource] = {}
    """fullUrl -> resource; identical prescriptions give the same one."""
    activity_urls = []
    for planned in plan.exercises:
        full_url, resource = _identified(pid, "ad", activity_definition(planned, internal=internal))
        resource["url"] = full_url  # the canonical the PlanDefinition's actions point at
        entries.setdefault(full_url, resource)
        activity_urls.append(full_url)
    position = {id(planned): i for i, planned in enumerate(plan.exercises)}
    for issue in safety_issues(plan, catalog):
        url = activity_urls[position[id(issue.planned)]]
        full_url, resource = _identified(pid, "di", detected_issue(issue, url))
        entries.setdefault(full_url, resource)
    pd_url, pd = _identified(pid, "pd", plan_definition(plan, activity_urls, internal=internal))
    ordered = [(pd_url, pd), *entries.items()]
    content = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": url, "resource": resource} for url, resource in ordered],
    }
    return {**content, "id": f"rehab-{_digest(pid, content)[:16]}"}
