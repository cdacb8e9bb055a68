"""Shapes of text that name a news outlet (shared by boilerplate removal and outlet detection)."""

from __future__ import annotations

import re

NEWS_WORD = (
    r"(?:News|Times|Herald|Tribune|Post|Radio|Daily|Journal|Gazette|Monitor|Ledger|Press|Telegraph|Chronicle|"
    r"Observer|Express|Star|Mail|Weekly|Courier|Guardian|Independent|Record|Review|Report|Today|Sun|Mirror|TV|"
    r"Television|Broadcasting|Channel|Agency|Wire|Dispatch|Bulletin|Standard|Examiner|Inquirer|Sentinel)"
)
OUTLET_NAME_RE = re.compile(rf"^(?:The\s+)?(?:[A-Z][\w&'’.-]*\s+){{0,3}}{NEWS_WORD}(?:\s+[A-Z][\w&'’.-]*){{0,2}}$")
OUTLET_BLURB_RE = re.compile(
    rf"^(?P<name>(?:The\s+)?(?:[A-Z][\w&'’.-]*\s+){{0,3}}{NEWS_WORD}(?:\s+[A-Z][\w&'’.-]*){{0,2}})\s+"
    r"(?:is|are|provides|publishes|has been|reports)\b"
)
