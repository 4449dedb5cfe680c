"""The demo data of every app, loaded together by `icc load_demo` (see loader.py).

It sits above the other apps so that each app's demo stays with the app and the dependencies keep their
direction (network <- index <- ...): only this package imports all of them.
"""
