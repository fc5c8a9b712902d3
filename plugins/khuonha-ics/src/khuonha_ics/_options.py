"""Options of the ``ics`` exporter."""

from __future__ import annotations

import attrs

from khuonha import ExportOptions

__all__ = ["IcsOptions"]


@attrs.frozen(kw_only=True)
class IcsOptions(ExportOptions):
    """Options of the ``ics`` exporter.

    - ``campaign``: also write the campaign calendar (the Ngày hội window of
      each year involved, the Ngày hội on 19/8, the assessment windows of the
      certification cycle and the classification deadlines) as all-day items;
    - ``language`` and ``internal`` as for every exporter: labels in ``vi``
      or ``en``; personal data only in internal exports.

    >>> IcsOptions(campaign=True).campaign
    True
    """

    campaign: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
