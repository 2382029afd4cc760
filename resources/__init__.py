"""Files SiRentan ships with (regions, fonts, placeholder images).

A package only so that a wheel or a frozen bundle carries them: code finds them
through `importlib.resources.files("resources")`, never beside the source tree.
"""
