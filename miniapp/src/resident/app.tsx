import type { PropsWithChildren } from 'react';
import './app.css';

// Pages that need a session guard themselves (useMe → login subpackage when there is none).
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
