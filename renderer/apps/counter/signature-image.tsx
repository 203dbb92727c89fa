/**
 * A signature as the station rendered it (SVG). Shown as an image from a data URL — never put
 * into the page as markup, so nothing in it can run.
 */
export function SignatureImage({ svg, label }: { svg: string; label: string }) {
  return (
    <img className="signature-image" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} />
  );
}
