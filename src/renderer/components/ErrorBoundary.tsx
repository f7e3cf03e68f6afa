/**
 * Keeps one broken screen (e.g. a graph that trips a bug) from taking the whole window down:
 * the user sees a sentence and can switch screens. The error goes to the console for developers.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  message: string;
  /** The "details" disclosure's label; the developer's English reason stays folded inside it. */
  detailsLabel: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    console.error('[renderer]', error);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="notice bad">
          <p>{this.props.message}</p>
          <details>
            <summary>{this.props.detailsLabel}</summary>
            <code className="pre-wrap">{this.state.error.message}</code>
          </details>
        </div>
      );
    }
    return this.props.children;
  }
}
