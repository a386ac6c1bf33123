"""nbgrader configuration of the kit: a track is an nbgrader assignment.

solutions/<track>/  is nbgrader's *source* (solutions and hidden tests; the one source of truth)
challenges/<track>/ is nbgrader's *release* (what participants get; written by `kit release`)
"""

import os

c = get_config()  # noqa: F821 (provided by traitlets when nbgrader loads this file)

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = "dataton"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "challenges"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(c.CourseDirectory.root, "gradebook.db")
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", ".*"]

# Answer cells keep the line `answer = ...` written before `### BEGIN SOLUTION`, so a blank
# release still runs top to bottom and its checks say "not answered yet" instead of crashing.
c.ClearSolutions.code_stub = {"python": "# ✏️ TU CÓDIGO AQUÍ · YOUR CODE HERE"}
c.ClearSolutions.text_stub = "✏️ TU RESPUESTA AQUÍ · YOUR ANSWER HERE"

c.Execute.timeout = 60
c.Execute.interrupt_on_timeout = True
