"""The situation picture across articles: origins of rewrites, stories, figures, timelines.

`fingerprint`, `similarity`, `origins`, `stories` and `figures` are pure decisions;
`update` keeps the store's picture tables current as articles arrive; `read` answers
`sitrep stories | story | figures | entity` from them.
"""
