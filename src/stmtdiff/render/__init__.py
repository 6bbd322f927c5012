"""Rendering: functions from domain objects to terminal, JSON and Markdown output."""
