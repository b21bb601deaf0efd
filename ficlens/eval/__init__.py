"""Evaluation against public gold data (PDNC, LitBank): scorers and their tables."""
