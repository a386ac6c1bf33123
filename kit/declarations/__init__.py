"""PDN asset declarations (S1), public officials in procurement (S2) and sanctions (S3).

Readers of the Plataforma Digital Nacional's JSON formats into tidy pandas frames, and linking
the same person across systems (RFC, CURP, name) with the evidence of every candidate. A person
on two lists is a reason to look closer, never proof of wrongdoing.
"""
