"""The Codes and Compare panes: the code picker's model, the code page and the comparison."""
