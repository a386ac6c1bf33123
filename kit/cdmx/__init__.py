"""Mexico City open data for the ``movilidad`` track: crime victims, transport ridership, stations.

Readers turn the files as published on datos.cdmx.gob.mx (and SESNSP's victims file) into tidy
tables with Spanish snake_case columns:

- :mod:`kit.cdmx.fgj`: FGJ victims and investigation files (``read_victims``, ``read_carpetas``),
  both published layouts, read in chunks (the full file has about two million rows);
- :mod:`kit.cdmx.ridership`: daily ridership of Metro, Metrobús, Trolebús, Cablebús and Tren
  Ligero (``read_ridership``);
- :mod:`kit.cdmx.stations`: the SEMOVI layer of Metro stations (``read_stations``);
- :mod:`kit.cdmx.sesnsp`: SESNSP victims of the fuero común (``read_sesnsp_victims``);
- :mod:`kit.cdmx.load`: everything a notebook needs at once (``load``);
- :mod:`kit.cdmx.transport`, :mod:`kit.cdmx.text`: the rules shared by the readers (which crime
  names are crimes against a public-transport passenger; alcaldía names, line labels, station
  keys);
- :mod:`kit.cdmx.exposure`: victims per million trips with exact Poisson intervals, honest
  rankings, the nearest station to a point.

A reported crime is not an incidence measure: most crimes are never reported, and a high rate is
a signal to look closer, never proof about a place or a line.
"""
