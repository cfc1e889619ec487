"""PyInstaller runtime hook: point the bundle's OpenSSL at the system's CA certificates.

The bundle carries the build machine's libssl, which looks for certificates where that
distribution keeps them (Debian: /usr/lib/ssl/certs). On another distribution that folder
may not exist and every certificate would fail to verify (MTA-STS, the probe's TLS check).
When the user has not chosen (SSL_CERT_FILE, SSL_CERT_DIR) and OpenSSL's default is
missing, the first CA bundle found in the usual places is used. Windows and macOS: no-op.
"""

import os
import ssl
import sys

_CA_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",  # Debian, Ubuntu, Arch, Gentoo
    "/etc/pki/tls/certs/ca-bundle.crt",  # Fedora, RHEL
    "/etc/ssl/ca-bundle.pem",  # openSUSE
    "/etc/pki/tls/cacert.pem",  # OpenELEC
    "/etc/ssl/cert.pem",  # Alpine
)


def _point_at_system_certificates() -> None:
    if not sys.platform.startswith("linux"):
        return
    if "SSL_CERT_FILE" in os.environ or "SSL_CERT_DIR" in os.environ:
        return
    paths = ssl.get_default_verify_paths()
    if (paths.cafile and os.path.isfile(paths.cafile)) or (
        paths.capath and os.path.isdir(paths.capath) and os.listdir(paths.capath)
    ):
        return
    for candidate in _CA_BUNDLES:
        if os.path.isfile(candidate):
            os.environ["SSL_CERT_FILE"] = candidate
            return


_point_at_system_certificates()
