"""A series over time: term search, timelines, novel language, attribution."""
