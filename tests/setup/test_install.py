from kanzlei.akte import PACKAGE_NAME


def test_installed(installer):
    assert installer.is_product_installed(PACKAGE_NAME)
