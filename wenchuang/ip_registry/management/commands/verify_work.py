"""Verify a registration from its certificate and a published tree head alone (no database)."""

import base64
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wenchuang.ip_registry.verification import verify_certificate


class Command(BaseCommand):
    help = (
        "Check a work certificate (JSON) against a published signed tree head (JSON): the leaf "
        "hash, both signatures, the inclusion proof and, for a newer head, its consistency "
        "proof. Reads nothing from the database."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("certificate", type=Path)
        parser.add_argument("--tree-head", type=Path, required=True)
        parser.add_argument(
            "--public-key",
            help="the registry's public key (base64, as published) to trust instead of the "
            "one inside the tree head",
        )
        parser.add_argument("--file", type=Path, help="the work's file, to compare its SHA-256")

    def handle(self, *args, certificate, tree_head, public_key=None, file=None, **options):
        try:
            cert = json.loads(certificate.read_text(encoding="utf-8"))
            head = json.loads(tree_head.read_text(encoding="utf-8"))
            key = base64.b64decode(public_key) if public_key else None
            content = file.read_bytes() if file else None
        except (OSError, ValueError) as error:
            raise CommandError(f"cannot read the input: {error}") from None
        steps = verify_certificate(cert, head, trusted_key=key, content=content)
        for step in steps:
            mark = self.style.SUCCESS("ok  ") if step.ok else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark} {step.message}")
        if not steps or not all(step.ok for step in steps):
            raise CommandError("the certificate does NOT verify")
        self.stdout.write(self.style.SUCCESS("the registration is in the log"))
