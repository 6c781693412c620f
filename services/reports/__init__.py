"""Printed output: every PDF is built on ``document.build_pdf`` so they all look alike."""
