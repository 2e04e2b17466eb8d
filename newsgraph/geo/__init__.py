"""Offline geography: the gazetteer the place extractor resolves names against."""
from .gazetteer import Gazetteer, Match, Place, build_gazetteer, load_gazetteer, name_key

__all__ = ["Gazetteer", "Match", "Place", "build_gazetteer", "load_gazetteer", "name_key"]
