"""Review: the queue a reviewer works through, verdict rules, claim status, what a page shows.

Pure where it can be (status roll-ups, display); :class:`ReviewSession` ties a reviewer to the
store. The Streamlit pages call these and only render.
"""
