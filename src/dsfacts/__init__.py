"""dsfacts: claims about DeepSeek's models, extracted from documents and reconciled."""


def version() -> str:
    """The installed version (`dsfacts --version`, SARIF output), without importing anything else."""
    from importlib import metadata

    try:
        return metadata.version("dsfacts")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"
