export { cn, type ClassValue } from "./cn";
export { SiteShell, type SiteShellProps } from "./SiteShell";
export { Nav, type NavItem, type NavProps } from "./Nav";
export { SignInStatus, type SignInStatusProps } from "./SignInStatus";
export { Button, ButtonLink, buttonClasses, type ButtonProps, type ButtonLinkProps, type ButtonVariant, type ButtonSize } from "./Button";
export { Card, CardTitle, CardDescription, type CardProps, type CardTitleProps } from "./Card";
export { Badge, type BadgeProps, type BadgeTone } from "./Badge";
export { Alert, type AlertProps, type AlertVariant } from "./Alert";
export { Field, type FieldProps, type FieldControlProps } from "./Field";
export { Input, type InputProps } from "./Input";
export { Select, type SelectProps } from "./Select";
export { Textarea, type TextareaProps } from "./Textarea";
export {
  Table,
  TableHead,
  TableBody,
  TableRow,
  TableHeaderCell,
  TableCell,
  type TableProps,
  type TableHeaderCellProps,
} from "./Table";
export { Dialog, type DialogProps } from "./Dialog";
export { ToastProvider, useToast, type ToastApi, type ToastOptions, type ToastProviderProps, type ToastTone } from "./Toast";
export { EmptyState, type EmptyStateProps } from "./EmptyState";
export { StatusDot, StatusPill, statusLabels, type Status, type StatusDotProps, type StatusPillProps } from "./StatusDot";
export { StatusPanel, type StatusPanelProps, type StatusPanelResult, type StatusCheck, type StatusFact } from "./StatusPanel";
export { CodeBlock, type CodeBlockProps } from "./CodeBlock";
export { getPlatformStatus, statusFromResponses, describeError, formatUptime, type PlatformStatus } from "./platform-status";
export { PageFrame, ConfirmPanel, type PageFrameProps, type ConfirmPanelProps } from "./PageFrame";
export { problemText, when } from "./api-text";
