"""How dates and file sizes read on every page (German style)."""


def _as_datetime(value):
    return value.asdatetime() if hasattr(value, "asdatetime") else value


def format_date(value):
    return _as_datetime(value).strftime("%d.%m.%Y") if value else ""


def format_datetime(value):
    return _as_datetime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def format_size(size):
    size = size or 0
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
