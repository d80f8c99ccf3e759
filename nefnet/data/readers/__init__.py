"""The readers, one file per source (WFDB/PTB, PTB-XL, PhysioNet/CinC, CPSC2018, Tianchi,
Chapman/ChinaDB, Panobench, roahd beats): each returns :class:`~nefnet.data.record.Record`s in
mV; :mod:`nefnet.data.kinds` registers them for ``--data``."""
