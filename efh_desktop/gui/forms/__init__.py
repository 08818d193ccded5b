"""Qt Designer forms compiled from ui/*.ui by packaging/compile_forms.py. Do not edit ui_*.py by hand."""
