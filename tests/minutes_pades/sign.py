"""Signs a PDF PAdES (B-B) with a test certificate and validates the signature.

    python3 sign.py IN.pdf OUT.pdf KEY.pem CERT.pem [FIELD]

Used by tests/minutes_pades.rs, which skips when pyHanko is not installed
(pip install pyhanko). A file already signed gets one more signature (an incremental update
after the first), in the field FIELD. Exit 0 when every signature is intact, valid and trusted.
"""

import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main(src, out, key, cert, field="FirmaPresidente"):
    signer = signers.SimpleSigner.load(key, cert, key_passphrase=None)
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason="Verbale letto, confermato e sottoscritto",
        location="Sala Giunta",
    )
    with open(src, "rb") as inf, open(out, "wb") as outf:
        signers.sign_pdf(IncrementalPdfFileWriter(inf), meta, signer=signer, output=outf)

    context = ValidationContext(trust_roots=[load_cert_from_pemder(cert)])
    with open(out, "rb") as f:
        signatures = PdfFileReader(f).embedded_signatures
        print("firme:", len(signatures))
        ok = len(signatures) > 0
        for signature in signatures:
            status = validate_pdf_signature(signature, context)
            print(status.pretty_print_details())
            ok = ok and status.intact and status.valid and status.trusted
            print("subfilter:", signature.sig_object["/SubFilter"])
            print("coverage:", status.coverage)
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
