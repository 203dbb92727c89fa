/** A counter action's button, with its Alt shortcut shown and announced. */
export function ActionButton({
  label,
  shortcut,
  onClick,
  primary,
  large,
}: {
  label: string;
  shortcut: string;
  onClick: () => void;
  primary?: boolean;
  large?: boolean;
}) {
  return (
    <button
      type="button"
      className={`${primary ? 'primary' : ''} ${large ? 'large' : ''}`}
      aria-keyshortcuts={`Alt+${shortcut}`}
      onClick={onClick}
    >
      {label} <kbd aria-hidden="true">Alt+{shortcut}</kbd>
    </button>
  );
}
