"""Signs a PDF PAdES (B-B) with a test certificate and validates every signature in it.

    python3 sign.py IN.pdf OUT.pdf KEY.pem CERT.pem [FIELD [CA.pem]]

FIELD names the new signature field (default FirmaPresidente); CA.pem is the test CA that
issued CERT.pem (default: CERT.pem is self-signed and its own trust root). A file already
signed gets one more signature, as an incremental update.

Used by tests/minutes_pades.rs and tests/verify_pages.rs, which skip when pyHanko is not
installed (pip install pyhanko). Exit 0 when every signature is intact, valid and trusted.
"""

import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main(src, out, key, cert, field="FirmaPresidente", ca=None):
    chain = [load_cert_from_pemder(ca)] if ca else []
    signer = signers.SimpleSigner.load(
        key, cert, key_passphrase=None, ca_chain_files=(ca,) if ca else None
    )
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Verbale letto, confermato e sottoscritto",
        location="Sala Giunta",
    )
    with open(src, "rb") as inf, open(out, "wb") as outf:
        signers.sign_pdf(IncrementalPdfFileWriter(inf), meta, signer=signer, output=outf)

    roots = chain or [load_cert_from_pemder(cert)]
    with open(out, "rb") as f:
        signatures = PdfFileReader(f).embedded_signatures
        print(f"firme: {len(signatures)}")
        ok = len(signatures) > 0
        for signature in signatures:
            status = validate_pdf_signature(signature, ValidationContext(trust_roots=roots))
            print(status.pretty_print_details())
            print("subfilter:", signature.sig_object["/SubFilter"])
            print("coverage:", status.coverage)
            ok = ok and status.intact and status.valid and status.trusted
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:7]))
