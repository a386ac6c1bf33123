"""The care economy in Mexico City: time use (ENUT), care establishments (DENUE), the population
that needs care (census), labour participation (ENOE), and survey-weight helpers.

A high deficit or a long care burden is a signal to look closer, never a verdict on a place.
"""
