using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Blitz.Analyzers.Common;

/// <summary>
/// A nest of two counted loops that visits each cell of a two-dimensional grid once: <c>for (r &lt; height) for
/// (c &lt; width) next[r, c] = Rule(cells[r, c]);</c>, where every element the inner loop touches is indexed by exactly
/// the two counters, one per dimension (<c>cells[r, c]</c>, <c>cells[c, r]</c>, or jagged <c>cells[r][c]</c>). Its work
/// is one pass over the grid's cells, linear in the input like a single loop over an array, not a nest of per-element
/// loops that pairs every element with every other (<c>items[i]</c> against <c>items[j]</c>). A computed index
/// (<c>image[y * width + x]</c>, <c>cells[r + 1, c]</c>) or an indexer property is not read as a cell of the nest, so
/// such a nest keeps counting as quadratic.
/// </summary>
internal static class GridCells
{
    /// <summary>True when each element access in <paramref name="inner"/>'s body names the cell (outer counter, inner counter).</summary>
    public static bool IsWalkOfCells(IForLoopOperation outer, IForLoopOperation inner)
    {
        if (outer.Locals.Length != 1 || inner.Locals.Length != 1)
        {
            return false;
        }

        var row = outer.Locals[0];
        var column = inner.Locals[0];
        var sawCell = false;
        foreach (var operation in OperationHelpers.DescendantsInSameFunction(inner.Body))
        {
            switch (operation)
            {
                case IArrayElementReferenceOperation element when IsCell(element, row, column):
                    sawCell = true;
                    break;
                case IArrayElementReferenceOperation { Parent: IArrayElementReferenceOperation jagged } when IsCell(jagged, row, column):
                    // The row array of cells[r][c]: part of the cell access above it.
                    break;
                case IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.Length: > 0 } or IInlineArrayAccessOperation or ILoopOperation:
                    return false;
            }
        }

        return sawCell;
    }

    /// <summary><c>cells[r, c]</c> (either order) or the outer access of <c>cells[r][c]</c>.</summary>
    private static bool IsCell(IArrayElementReferenceOperation element, ILocalSymbol row, ILocalSymbol column)
    {
        if (element.Indices.Length == 2)
        {
            return (IsCounter(element.Indices[0], row) && IsCounter(element.Indices[1], column))
                || (IsCounter(element.Indices[0], column) && IsCounter(element.Indices[1], row));
        }

        return element.Indices.Length == 1
            && OperationHelpers.WithoutConversions(element.ArrayReference) is IArrayElementReferenceOperation { Indices.Length: 1 } rowArray
            && ((IsCounter(rowArray.Indices[0], row) && IsCounter(element.Indices[0], column))
                || (IsCounter(rowArray.Indices[0], column) && IsCounter(element.Indices[0], row)));
    }

    private static bool IsCounter(IOperation index, ILocalSymbol counter) =>
        OperationHelpers.WithoutConversions(index) is ILocalReferenceOperation { Local: var local } && SymbolEqualityComparer.Default.Equals(local, counter);
}
