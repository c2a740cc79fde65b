export function ConflictNotice() {
  return (
    <div className="notice" role="note" data-testid="deal-conflict-notice">
      <p>
        <strong>A possible conflict was flagged.</strong> Another registration or an opportunity the vendor already works on may cover this customer.
      </p>
      <p>A channel manager reviews it before approving or rejecting; you will see the decision here. You do not need to do anything.</p>
    </div>
  );
}
