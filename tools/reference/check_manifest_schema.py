#!/usr/bin/python3
"""Independent oracle for experiments/manifest.schema.json (used by ManifestSchemaOracleTests).

Reads {"schema": <schema object>, "documents": [{"name": str, "yaml": str}, ...]} on stdin,
checks the schema against the draft 2020-12 meta-schema, then validates each YAML document
(PyYAML) against it. Prints one line per document: "<name>: valid" or "<name>: invalid".
Needs Debian's python3-jsonschema (4.10) and python3-yaml.

    /usr/bin/python3 tools/reference/check_manifest_schema.py < request.json
"""
import json
import sys

import yaml
from jsonschema import Draft202012Validator

request = json.load(sys.stdin)
Draft202012Validator.check_schema(request["schema"])
validator = Draft202012Validator(request["schema"])
for doc in request["documents"]:
    instance = yaml.safe_load(doc["yaml"])
    print(f'{doc["name"]}: {"valid" if validator.is_valid(instance) else "invalid"}')
