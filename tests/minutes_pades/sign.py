"""Signs a PDF PAdES (B-B) with a test certificate and validates the signature.

    python3 sign.py IN.pdf OUT.pdf KEY.pem CERT.pem

Used by tests/minutes_pades.rs, which skips when pyHanko is not installed
(pip install pyhanko). Exit 0 when the signature is intact, valid and trusted.
"""

import sys

from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def main(src, out, key, cert):
    signer = signers.SimpleSigner.load(key, cert, key_passphrase=None)
    meta = signers.PdfSignatureMetadata(
        field_name="FirmaPresidente",
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
        if len(signatures) != 1:
            print(f"attese 1 firma, trovate {len(signatures)}")
            return 1
        status = validate_pdf_signature(signatures[0], context)
        print(status.pretty_print_details())
        ok = status.intact and status.valid and status.trusted
        print("subfilter:", signatures[0].sig_object["/SubFilter"])
        print("coverage:", status.coverage)
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
