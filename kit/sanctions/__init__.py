"""Sanction and watch lists, and linking them to procurement suppliers (track ``sanciones``).

Readers of the real published formats (OFAC's SDN CSV set, SAT's 69-B list, SFP's sanctioned
suppliers), Mexican RFC validation, company-name normalisation and record linkage with evidence.
A match on a list is a risk signal to verify, never proof: homonyms exist, and a SAT "Presunto"
is not a "Definitivo".
"""
