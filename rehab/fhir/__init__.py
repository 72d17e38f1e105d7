"""FHIR export: a checked protocol as an R4-compatible Bundle (issue 20; not yet a command).

`bundle` and `issues` build plain dicts from the domain's plan and import nothing outside
rehab; only `export` imports the optional `fhir.resources` models, so no other command pays
for them or needs them installed.
"""
